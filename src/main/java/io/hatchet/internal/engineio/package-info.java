/**
 * Engine.IO 4 and socket.io 5 on the client: {@link io.hatchet.internal.engineio.Packets}, the
 * packet codec as pure functions over strings, tested alone; and
 * {@link io.hatchet.internal.engineio.EngineSocket}, one attempt at a connection over OkHttp's
 * WebSocket, which reports to the connection's thread. Nothing here knows hatchet's requests.
 */
package io.hatchet.internal.engineio;

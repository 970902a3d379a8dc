/**
 * The wire contract of PROTOCOL.md, shared by the client and the hub: the names of requests and
 * events, the limits on their fields, the error codes, the claims of tokens and the algorithms
 * that sign them, the ids both sides make, and the JSON both sides accept ({@link
 * io.hatchet.protocol.StrictJson}).
 *
 * <p>It lives in a package of its own, depending on the JDK and Gson only, so that neither side can drift
 * from the other: a name or a limit is written here once, and a change to the protocol is a
 * change to this package and to PROTOCOL.md together. Nothing here belongs to the public API of
 * hatchet; applications should not depend on it.
 */
package io.hatchet.protocol;

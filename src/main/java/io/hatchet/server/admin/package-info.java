/**
 * The admin HTTP API on a port of its own (Netty's HTTP codec), every call with the admin
 * token as a bearer token; its routes, JSON errors and Prometheus metrics.
 */
package io.hatchet.server.admin;

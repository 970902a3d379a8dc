package io.hatchet.examples;

/** The data of a "signup" event. Any POJO or record Gson can encode will do. */
public record Signup(String firstName, String lastName, String created) {}

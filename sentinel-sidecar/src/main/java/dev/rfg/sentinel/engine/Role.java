package dev.rfg.sentinel.engine;

/** The role an instance reports in INFO. */
public enum Role { MASTER, SLAVE }

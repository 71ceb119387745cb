package dev.berth.registry;

/** The outcome of a cross-repository mount: mounted, or the registry wants a real upload. */
public enum MountResult { MOUNTED, NOT_MOUNTED }

package dev.berth.ui.browser;

/** Where a node's background loading stands. */
public enum LoadState { IDLE, LOADING, LOADED, FAILED }

package io.pvscope.testsupport;

import java.io.IOException;

/**
 * This machine cannot provide a real part a test or benchmark needs (a program not installed, a daemon that
 * cannot run here); the message says why and what to install. Tests turn it into a skip, in one place per
 * test module; anything else the kit throws is a real failure.
 */
public final class Unavailable extends IOException {

    private static final long serialVersionUID = 1L;

    public Unavailable(String reason) {
        super(reason);
    }
}

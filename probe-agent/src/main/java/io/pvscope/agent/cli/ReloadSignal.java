package io.pvscope.agent.cli;

import sun.misc.Signal;

/** SIGHUP runs the reload, as daemons are expected to; without the signal (not POSIX) nothing is installed. */
final class ReloadSignal {

    private ReloadSignal() {
    }

    static void install(Runnable reload) {
        try {
            Signal.handle(new Signal("HUP"), signal -> reload.run());
        } catch (IllegalArgumentException e) {
            System.err.println("pvscope-agent: no SIGHUP here; the configuration is read at start-up only");
        }
    }
}

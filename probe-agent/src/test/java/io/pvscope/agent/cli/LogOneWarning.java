package io.pvscope.agent.cli;

import java.util.logging.Logger;

/** Run in a child JVM by DaemonLogFormatTest: logs one warning, with serve's format ("daemon") or the JDK's. */
final class LogOneWarning {

    private LogOneWarning() {
    }

    public static void main(String[] args) {
        if (args[0].equals("daemon")) {
            DaemonLogFormat.install();
        }
        Logger.getLogger("io.example.Listener").warning("accept failed");
    }
}

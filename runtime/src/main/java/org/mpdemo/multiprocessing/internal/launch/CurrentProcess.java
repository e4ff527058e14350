package org.mpdemo.multiprocessing.internal.launch;

/** This process's name, as {@code current_process().name} shows it: set once by a child's main as it boots. */
public final class CurrentProcess {
    private static volatile String name = "MainProcess";

    private CurrentProcess() {
    }

    public static String name() {
        return name;
    }

    public static void setName(String processName) {
        name = processName;
    }
}

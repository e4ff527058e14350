package org.mpdemo.demos;

/**
 * One runnable scenario: its id on the command line, its topic, a line on what it shows, and its class
 * (which has a {@code main}).
 */
public record DemoInfo(String id, String topic, String summary, Class<?> mainClass) {
}

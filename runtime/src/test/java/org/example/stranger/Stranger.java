package org.example.stranger;

import java.io.Serializable;

/** A class of a package the manager's program did not allow: the manager must not read it. */
public record Stranger(int n) implements Serializable {
}

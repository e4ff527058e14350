package com.example.outside;

import java.io.Serializable;

/** A class of a package nobody allowed: Java serialization must not read it in another process. */
public record Outsider(String name) implements Serializable {
}

package io.github.tcpadapter.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key store or trust store file with its type and password. The password stays in here: no message, log line or
 * {@code toString()} shows it.
 */
public final class StoreFile {

    private final String property;
    private final Path path;
    private final String type;
    private final char[] password;

    /**
     * @param property the configuration property that named the file, {@code keyStore} or {@code trustStore}
     * @param path the file
     * @param type the store type, or {@code null} to tell it from the file (PKCS12 and JKS)
     * @param password the store's password (also the password of its keys), or {@code null} for none
     */
    public StoreFile(String property, Path path, String type, String password) {
        this.property = Objects.requireNonNull(property, "property");
        this.path = Objects.requireNonNull(path, "path");
        this.type = type;
        this.password = password == null ? null : password.toCharArray();
    }

    /** @return the configuration property that named the file */
    public String property() {
        return property;
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    char[] password() {
        return password == null ? null : password.clone();
    }

    /** @return whether a password was given, not empty */
    boolean hasPassword() {
        return password != null && password.length > 0;
    }

    /**
     * Reads the store.
     *
     * @throws IOException if the file cannot be read or the password is wrong
     * @throws GeneralSecurityException if the file is not a store of the type, or of a type this JVM knows
     */
    KeyStore load() throws IOException, GeneralSecurityException {
        // KeyStore.getInstance(File, ...) tells a missing file by an IllegalArgumentException, not an IOException
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (type == null) {
            return KeyStore.getInstance(path.toFile(), password); // probes PKCS12, JKS and the other known types
        }
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        }
        return store;
    }

    /**
     * @return what changes when the file is rewritten or replaced: its identity, size and modification time
     * @throws IOException if the file cannot be read
     */
    Object stamp() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return attributes.fileKey() + "/" + attributes.size() + "/" + attributes.lastModifiedTime();
    }

    @Override
    public String toString() {
        return path + (type == null ? "" : " (" + type + ")");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoreFile that && property.equals(that.property) && path.equals(that.path)
                && Objects.equals(type, that.type) && Arrays.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(property, path, type);
    }
}

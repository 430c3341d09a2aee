package io.pvscope.core.kv;

import com.google.protobuf.ByteString;

/** What reading one key returned: its value, or for a directory its children's names. */
public final class KeyRead {

    private final boolean directory;
    private final ByteString value;

    public KeyRead(boolean directory, byte[] value) {
        this.directory = directory;
        this.value = ByteString.copyFrom(value);
    }

    /** True when the key has children; its value is then their names, not a value of its own. */
    public boolean directory() {
        return directory;
    }

    ByteString value() {
        return value;
    }
}

package dev.baton.event;

/** The webhook {@code object}: a Messenger Page or an Instagram professional account. */
public enum Platform {
    MESSENGER("page"),
    INSTAGRAM("instagram");

    private final String objectName;

    Platform(String objectName) {
        this.objectName = objectName;
    }

    /** The value of the envelope's {@code object} field. */
    public String objectName() {
        return objectName;
    }

    public static Platform fromObjectName(String objectName) {
        for (Platform platform : values()) {
            if (platform.objectName.equals(objectName)) {
                return platform;
            }
        }
        throw new IllegalArgumentException("unknown webhook object: " + objectName);
    }
}

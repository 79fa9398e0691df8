package io.troupe.cluster;

/**
 * A node's cluster traffic since it was created, from {@link Cluster#stats()}: every frame of every
 * session (handshakes, keepalives, actor traffic), counted as written to and read from the sockets,
 * each frame's 4-byte length prefix included.
 *
 * @param sessions the sessions authenticated now (the peers)
 * @param framesOut frames written
 * @param bytesOut bytes of the frames written
 * @param framesIn frames read
 * @param bytesIn bytes of the frames read
 */
public record ClusterStats(
    int sessions, long framesOut, long bytesOut, long framesIn, long bytesIn) {}

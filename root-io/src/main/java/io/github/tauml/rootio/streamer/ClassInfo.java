package io.github.tauml.rootio.streamer;

import java.util.List;

/** A TStreamerInfo: how one version of one class is laid out on disk. */
public record ClassInfo(String name, int version, long checksum, List<StreamerElement> elements) {
}

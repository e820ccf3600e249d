package dev.tollgate.application.configfile.port.out;

import java.util.List;

/** The upstream keys a channel holds now (decrypted), to compare with the keys the file declares. */
public interface ChannelKeysPort {
    List<String> load(String channelId);
}

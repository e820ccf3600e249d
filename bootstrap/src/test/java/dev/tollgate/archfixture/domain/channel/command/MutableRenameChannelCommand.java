package dev.tollgate.archfixture.domain.channel.command;

/** Wrong: a command that is a mutable class, not a record. */
public class MutableRenameChannelCommand {

    private String name;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}

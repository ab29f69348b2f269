package org.vigil.agent.delivery;

import org.vigil.proto.WireNames;
import org.vigil.proto.WireText;

/** What the agent says about itself when it enrols and connects, cut to the contract's limits. */
public record AgentInfo(String agentVersion, String os, String user, String hostname) {
    public AgentInfo {
        agentVersion = WireText.cut(agentVersion, WireNames.MAX_NAME_CHARS);
        os = WireText.cut(os, WireNames.MAX_NAME_CHARS);
        user = WireText.cut(user, WireNames.MAX_NAME_CHARS);
        hostname = WireText.cut(hostname, WireNames.MAX_NAME_CHARS);
    }
}

package org.vigil.agent.delivery;

/** What the agent says about itself when it enrols and connects. */
public record AgentInfo(String agentVersion, String os, String user, String hostname) {
}

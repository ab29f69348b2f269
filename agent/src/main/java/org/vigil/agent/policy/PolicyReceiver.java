package org.vigil.agent.policy;

/** Where a policy the console pushes goes, and which version the agent names in Hello and heartbeats. */
public interface PolicyReceiver {
    /** For agents that do not take pushed policy: they name no version, so the console sends them none. */
    PolicyReceiver NONE = new PolicyReceiver() {
        @Override
        public String runningVersion() {
            return "";
        }

        @Override
        public void received(String version, byte[] wordlist) {
        }
    };

    /** The version in use now; empty if this agent does not take pushed policy. */
    String runningVersion();

    /** A policy the console sent; applying it or refusing it is the receiver's business, never the stream's. */
    void received(String version, byte[] wordlist);
}

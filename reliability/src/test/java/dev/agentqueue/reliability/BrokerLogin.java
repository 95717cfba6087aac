package dev.agentqueue.reliability;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The broker logins of one cluster run, generated now and kept in memory: the one the WildFly nodes use, and the one
 * the two brokers of a pair share. Handed to the scripts and servers through their environment, never as arguments.
 */
record BrokerLogin(String password, String clusterPassword) {

    static BrokerLogin generate() {
        return new BrokerLogin(random(), random());
    }

    /** Returns the environment variables that create-broker.sh and configure-remote-broker.cli read. */
    Map<String, String> environment() {
        return Map.of("AGENTQUEUE_BROKER_PASSWORD", password, "AGENTQUEUE_BROKER_CLUSTER_PASSWORD", clusterPassword);
    }

    @Override
    public String toString() {
        return "BrokerLogin[generated]";
    }

    private static String random() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

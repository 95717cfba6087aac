/**
 * A stand-alone producer that the remote-client ITs run in a JVM of its own, with nothing on its class path but the
 * client artifact and WildFly's client library, as another application would.
 */
package dev.agentqueue.it.remote;

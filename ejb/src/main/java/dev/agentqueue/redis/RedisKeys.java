package dev.agentqueue.redis;

/** Builds every Redis key agentqueue uses; no other class spells a key. */
public final class RedisKeys {

    /** Prefix shared by all keys, so one Redis can be shared with other applications. */
    public static final String PREFIX = "agentqueue:";

    private RedisKeys() {}

    /** Returns the hash holding one task record. */
    public static String task(String id) {
        return PREFIX + "task:" + id;
    }

    /** Returns the stream of one task's live events: its transitions, attempts, progress and streamed output. */
    public static String taskEvents(String id) {
        return PREFIX + "events:" + id;
    }

    /** Returns the key mapping an idempotency key to the id of the first task enqueued with it. */
    public static String idempotency(String idempotencyKey) {
        return PREFIX + "idem:" + idempotencyKey;
    }

    /** Returns the prefix of the per-state index sorted sets; the state name completes the key. */
    public static String stateIndexPrefix() {
        return PREFIX + "idx:state:";
    }

    /**
     * Returns the sorted set of task ids currently in the state named {@code state} (a task state's name: this layer
     * sits below the task model), scored by when they entered it.
     */
    public static String stateIndex(String state) {
        return stateIndexPrefix() + state;
    }

    /** Returns the sorted set of task ids of one contract, scored by creation time. */
    public static String contractIndex(String contract) {
        return PREFIX + "idx:contract:" + contract;
    }

    /** Returns the sorted set of task ids run by one agent, scored by creation time. */
    public static String agentIndex(String agent) {
        return PREFIX + "idx:agent:" + agent;
    }

    /** Returns the lease naming the one node that reconciles lost task messages. */
    public static String reconcileLease() {
        return PREFIX + "reconcile:leader";
    }

    /** Returns the lease naming the one node that adds the shared broker's counters to the throughput history. */
    public static String statsSamplerLease() {
        return PREFIX + "stats:sampler";
    }

    /** Returns the hash counting, per task id, the runs of the diagnostic {@code count} job that reached their end. */
    public static String jobRuns() {
        return PREFIX + "diag:count-runs";
    }

    /** Returns the hash holding the state of one shared circuit breaker. */
    public static String breaker(String name) {
        return PREFIX + "breaker:" + name;
    }

    /** Returns the set of names of all shared circuit breakers ever used. */
    public static String breakers() {
        return PREFIX + "breakers";
    }

    /** Returns the hash counting what happened in the minute that starts {@code minuteStartMs} after the epoch. */
    public static String statsMinute(long minuteStartMs) {
        return PREFIX + "stats:minute:" + minuteStartMs;
    }

    /**
     * Returns the hash counting the letters in the dead-letter queue: field {@code total}, and one field per error
     * fingerprint ({@code fp:}), agent ({@code agent:}) and contract ({@code contract:}).
     */
    public static String deadLetterTally() {
        return PREFIX + "dlq:tally";
    }

    /** Returns the hash describing one fingerprint group of dead letters: its sample error and time range. */
    public static String deadLetterGroupSummary(String fingerprint) {
        return PREFIX + "dlq:summary:" + fingerprint;
    }

    /** Returns the hash of one dead-letter group's triage state (note, investigation, mute) and alert bookkeeping. */
    public static String deadLetterGroup(String fingerprint) {
        return PREFIX + "dlq:group:" + fingerprint;
    }

    /** Returns the counter of one dead-letter group's letters in the rate window starting at {@code windowStart}. */
    public static String deadLetterGroupRate(String fingerprint, long windowStart) {
        return PREFIX + "dlq:rate:" + fingerprint + ":" + windowStart;
    }

    /** Returns the set of fingerprints an operator has given triage state (a note, an investigation, a mute). */
    public static String triagedGroups() {
        return PREFIX + "dlq:triaged";
    }

    /** Returns the hash holding the counters and bucket state of one limit scope. */
    public static String limit(String scope) {
        return PREFIX + "limit:" + scope;
    }

    /** Returns the sorted set of one limit scope's call leases, scored by expiry. */
    public static String limitLeases(String scope) {
        return PREFIX + "limit:" + scope + ":leases";
    }

    /** Returns the hash of one limit scope's limits an admin set live, overriding the configured ones. */
    public static String limitSettings(String scope) {
        return PREFIX + "limit:" + scope + ":settings";
    }

    /**
     * Returns the counter of the tokens one limit scope used in one budget window ({@code 2026-12-07} for a UTC day,
     * {@code 2026-12} for a UTC month).
     */
    public static String budgetSpent(String scope, String window) {
        return PREFIX + "limit:" + scope + ":tokens:" + window;
    }

    /** Returns the set of names of all limit scopes ever used. */
    public static String limits() {
        return PREFIX + "limits";
    }

    /** Returns the lease naming the one node that checks the dead-letter tally against the broker. */
    public static String deadLetterTallyLease() {
        return PREFIX + "dlq:tally:checker";
    }

    /** Returns the hash holding one redrive job. */
    public static String redriveJob(String id) {
        return PREFIX + "dlq:job:" + id;
    }

    /** Returns the list of the task ids in one redrive job's canary. */
    public static String redriveJobCanary(String id) {
        return PREFIX + "dlq:job:" + id + ":canary";
    }

    /** Returns the set of the ids of redrive jobs not yet ended. */
    public static String redriveJobs() {
        return PREFIX + "dlq:jobs";
    }

    /** Returns the lease naming the one walk of the dead-letter queue under way (a redrive or purge by filter). */
    public static String deadLetterWalkLease() {
        return PREFIX + "dlq:walk";
    }

    /** Returns the lease naming the one node that runs redrive jobs. */
    public static String redriveJobLease() {
        return PREFIX + "dlq:jobs:runner";
    }

    /** Returns the hash of the standing orders to redrive a group when its breaker closes, by order id. */
    public static String breakerRedrives() {
        return PREFIX + "dlq:breaker-redrives";
    }

    /**
     * Returns the sorted set of the ids of tasks whose completion callback is due, scored by when (ms): the time of the
     * next try, or the end of the lease of the node posting it now.
     */
    public static String callbacksDue() {
        return PREFIX + "callbacks:due";
    }

    /** Returns the hash holding one flow: its state, counters and definition. */
    public static String flow(String id) {
        return PREFIX + "flow:" + id;
    }

    /** Returns the hash holding the state of each step of one flow, its open dependencies and its result. */
    public static String flowSteps(String id) {
        return PREFIX + "flow:" + id + ":steps";
    }
}

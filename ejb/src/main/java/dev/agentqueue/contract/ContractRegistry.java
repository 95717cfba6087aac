package dev.agentqueue.contract;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Finds contracts by id among the deployed {@link ExecutionContract} beans. */
@ApplicationScoped
public class ContractRegistry {

    @Inject
    @Any
    Instance<ExecutionContract> beans;

    private final Map<String, ExecutionContract> byId = new TreeMap<>();

    @PostConstruct
    void index() {
        for (ExecutionContract contract : beans) {
            ExecutionContract previous = byId.putIfAbsent(contract.id(), contract);
            if (previous != null) {
                throw new IllegalStateException("Two contracts claim id " + contract.id() + ": "
                        + previous.getClass().getName() + " and "
                        + contract.getClass().getName());
            }
        }
    }

    /** Returns the contract with the given id, if one is deployed. */
    public Optional<ExecutionContract> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** Returns the ids of all deployed contracts. */
    public Set<String> ids() {
        return byId.keySet();
    }
}

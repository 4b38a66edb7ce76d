# The two commands of the README, and a few for working on RFG.
.PHONY: demo test test-fast build images cluster-up cluster-down

demo:  ## bring up a local cluster (or use the current context), install RFG, create the sample group
	hack/demo.sh

test:  ## every test tier: unit, protocol, API server, and a real cluster
	hack/test.sh

test-fast: ## unit, protocol and API-server tiers only
	RFG_SKIP_CLUSTER=1 hack/test.sh

build: ## compile and package without tests
	./mvnw -B -ntp -DskipTests package

images: ## the operator and sentinel images (plus locally made bases)
	hack/images.sh

cluster-up: ## the local single-node Kubernetes (prints how to use it)
	e2e/cluster/cluster.sh up

cluster-down:
	e2e/cluster/cluster.sh down

# The two commands of the README, and a few for working on RFG.
.PHONY: demo test build

demo:  ## bring up a local cluster (or use the current context), install RFG, create the sample group
	hack/demo.sh

test:  ## every test tier this machine can run
	hack/test.sh

build: ## compile and package without tests
	./mvnw -B -ntp -DskipTests package

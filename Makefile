# Build targets for `sam build` (every resource in template.yaml has `Metadata: BuildMethod: makefile`).
# SAM runs `make build-<LogicalId>` with ARTIFACTS_DIR set; `npm run build` runs the same targets with
# ARTIFACTS_DIR=.aws-sam/build/<LogicalId>, so the artifacts tests load are the ones that ship.
# A function XxxYyyFunction is built from functions/xxx-yyy/handler.ts.

ROOT := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))
BUILD := node $(ROOT)scripts/build.mjs

.PHONY: build-SharedLayer build-HealthFunction build-AdminFunction build-UsersFunction \
	build-PersonasFunction build-ConversationsFunction build-AiFunction build-AiWorkerFunction \
	build-SweeperFunction build-OpenapiFunction build-GamesFunction build-WsConnectAuthorizerFunction \
	build-WsConnectionsFunction

build-SharedLayer:
	$(BUILD) layer "$(ARTIFACTS_DIR)"

build-HealthFunction:
	$(BUILD) function health "$(ARTIFACTS_DIR)"

build-AdminFunction:
	$(BUILD) function admin "$(ARTIFACTS_DIR)"

build-UsersFunction:
	$(BUILD) function users "$(ARTIFACTS_DIR)"

build-PersonasFunction:
	$(BUILD) function personas "$(ARTIFACTS_DIR)"

build-ConversationsFunction:
	$(BUILD) function conversations "$(ARTIFACTS_DIR)"

build-AiFunction:
	$(BUILD) function ai "$(ARTIFACTS_DIR)"

build-AiWorkerFunction:
	$(BUILD) function ai-worker "$(ARTIFACTS_DIR)"

build-SweeperFunction:
	$(BUILD) function sweeper "$(ARTIFACTS_DIR)"

build-OpenapiFunction:
	$(BUILD) function openapi "$(ARTIFACTS_DIR)"

build-GamesFunction:
	$(BUILD) function games "$(ARTIFACTS_DIR)"

build-WsConnectAuthorizerFunction:
	$(BUILD) function ws-connect-authorizer "$(ARTIFACTS_DIR)"

build-WsConnectionsFunction:
	$(BUILD) function ws-connections "$(ARTIFACTS_DIR)"

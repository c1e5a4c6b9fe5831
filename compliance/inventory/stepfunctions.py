"""AWS Step Functions: the region's state machines, described."""


def state_machines(api, region):
    """Each state machine of the region as ``DescribeStateMachine`` answers it (no list request carries its logging)."""
    listed = sorted(api.read("stepfunctions", "ListStateMachines", region)["stateMachines"],
                    key=lambda m: m["stateMachineArn"])
    return [api.read("stepfunctions", "DescribeStateMachine", region, stateMachineArn=m["stateMachineArn"])
            for m in listed]

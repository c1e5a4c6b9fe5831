"""RDS for PostgreSQL and MySQL instances accept only encrypted connections."""

import pytest

from controls.rds.shape import judge_instances


@pytest.mark.control("rds-encrypted-in-transit")
def test_rds_encrypted_in_transit(rds_transport, params, evidence):
    def problem(db):
        if not db["TransportParameters"]:  # AWS gives every instance a parameter group: none listed proves nothing
            return "no DB parameter group is listed: encrypted connections cannot be shown to be required"
        accepted = params["required"][db["Engine"]]
        plain = [f"{group} ({name}: {value})" for group, values in db["TransportParameters"].items()
                 for name, value in values.items() if value not in accepted[name]]
        return f"connections may be unencrypted: parameter group {', '.join(plain)}" if plain else None

    judge_instances(evidence, rds_transport, ("DBParameterGroups", "TransportParameters"), problem, lambda db: (
        "aws rds modify-db-parameter-group --db-parameter-group-name <the instance's group, or a new one for a "
        "default group> --parameters " + " ".join(
            f"ParameterName={name},ParameterValue={values[0]},ApplyMethod=immediate"
            for name, values in params["required"][db["Engine"]].items())))

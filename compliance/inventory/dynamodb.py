"""Amazon DynamoDB: tables."""


def table_names(api, region):
    return sorted(api.read("dynamodb", "ListTables", region)["TableNames"])

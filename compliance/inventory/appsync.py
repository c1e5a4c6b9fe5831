"""AWS AppSync: the region's GraphQL APIs and their caches."""


def graphql_apis(api, region):
    """The region's GraphQL APIs (``ListGraphqlApis``), sorted by ARN."""
    return sorted(api.read("appsync", "ListGraphqlApis", region)["graphqlApis"], key=lambda a: a["arn"])


def api_cache(api, region, api_id):
    """The API's cache, or None when it has none."""
    answer = api.read("appsync", "GetApiCache", region, absent=("NotFoundException",), apiId=api_id)
    return answer["apiCache"] if answer else None

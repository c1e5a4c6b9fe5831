"""Custom endpoints, set as the AWS SDKs set them.

botocore picks each client's endpoint: the ``endpoint_url`` it is given
(``--endpoint-url``), else, unless ``AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`` or
the profile's ``ignore_configured_endpoint_urls`` says not to,
``AWS_ENDPOINT_URL_<SERVICE>``, ``AWS_ENDPOINT_URL``, the service's
``endpoint_url`` in the profile's ``services`` section, the profile's
``endpoint_url``; else AWS's own endpoint. The suite lets botocore decide and
only names the setting it used, so that an endpoint that cannot be reached
is reported with the setting to fix.
"""

import urllib.parse

from botocore.configprovider import ConfiguredEndpointProvider
from botocore.exceptions import ConnectTimeoutError, EndpointConnectionError
from botocore.regions import EndpointResolverBuiltins

EXPLICIT = "--endpoint-url"
AWS_DEFAULT = "AWS default endpoints"
UNREACHABLE = (EndpointConnectionError, ConnectTimeoutError)
_CUSTOM = "compliance_custom_endpoint"  # request context: the request goes to a custom endpoint


def configured(session, service, explicit=None):
    """``(url, setting)``: the custom endpoint of ``service``'s clients made by
    ``session`` and the setting that names it, or ``(None, None)`` on AWS's own.

    Reads botocore's own lookups in botocore's order (its provider has no
    public way to say which setting answered)."""
    if explicit:
        return explicit, EXPLICIT
    if session.get_config_variable("ignore_configured_endpoint_urls"):
        return None, None
    provider = ConfiguredEndpointProvider(session.full_config, session.get_scoped_config(), service)
    for location in provider._ENDPOINT_URL_LOOKUP_ORDER:
        url = getattr(provider, f"_get_endpoint_url_{location}")()
        if url:
            return url, _setting(session, provider, location)
    return None, None


def _setting(session, provider, location):
    """How a person would name the setting botocore read at ``location``."""
    profile = f"profile {session.profile or 'default'} of {session.get_config_variable('config_file')}"
    return {
        "environment_service": provider._get_service_env_var_name(),
        "environment_global": "AWS_ENDPOINT_URL",
        "config_service": f"{provider._transformed_service_id}.endpoint_url in the services section "
                          f"{session.get_scoped_config().get('services')!r} of the {profile}",
        "config_global": f"endpoint_url in the {profile}",
    }.get(location, location)


def summary(session, services, explicit=None):
    """The endpoints of ``services`` for the run's record: ``endpoint_url``, the
    one endpoint they all use (a URL or AWS's own), and where they differ,
    ``endpoints``: each custom one with its setting."""
    found = {service: configured(session, service, explicit) for service in sorted(services)}
    urls = {url for url, _ in found.values()}
    if len(urls) == 1:
        return {"endpoint_url": urls.pop() or AWS_DEFAULT}
    return {"endpoint_url": "per service",
            "endpoints": {service: f"{url} ({setting})" for service, (url, setting) in found.items() if url}}


def unreachable(session, service, error, explicit=None):
    """What to do about ``error``, an endpoint of ``service`` that cannot be reached."""
    url, setting = configured(session, service, explicit)
    if setting is None:
        return (f"cannot reach AWS's {service} endpoint ({error}). Check the network, the proxy "
                "(HTTPS_PROXY) and that the region is right.")
    return (f"cannot reach the {service} endpoint {url}, set by {setting} ({error}). Start the server "
            f"it names, or correct or remove {setting}.")


def serve_s3control_from_custom_endpoints(events):
    """Send S3 Control requests to a custom endpoint's own host.

    On AWS, S3 Control prefixes the host with ``<account-id>.``, and botocore
    does so on a custom endpoint too; a custom endpoint (moto, LocalStack) is
    a single host and reads the account from the ``x-amz-account-id`` header.
    The prefix stays on AWS's own endpoints."""
    events.register("before-endpoint-resolution.s3-control", _note_custom_endpoint,
                    unique_id="compliance-s3control-custom-endpoint")
    events.register("before-sign.s3-control", _without_account_prefix, unique_id="compliance-s3control-host")


def _note_custom_endpoint(builtins, context, **_):
    """Remember whether botocore resolves this request against a custom
    endpoint (``SDK::Endpoint``: given to the client, or configured)."""
    context[_CUSTOM] = builtins.get(EndpointResolverBuiltins.SDK_ENDPOINT) is not None


def _without_account_prefix(request, **_):
    if not request.context.get(_CUSTOM):
        return
    parts = urllib.parse.urlsplit(request.url)
    prefix, _, host = parts.netloc.partition(".")
    if prefix.isdigit() and len(prefix) == 12:
        request.url = urllib.parse.urlunsplit(parts._replace(netloc=host))

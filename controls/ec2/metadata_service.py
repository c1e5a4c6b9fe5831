"""What an instance's metadata service options (an instance's, a launch
configuration's) allow."""


def accepts_imdsv1(options):
    """What is wrong with ``options`` (MetadataOptions): None when the
    service is off or requires IMDSv2 tokens."""
    if options.get("HttpEndpoint") != "disabled" and options.get("HttpTokens") != "required":
        return f"the metadata service accepts IMDSv1 (HttpTokens {options.get('HttpTokens', 'not set')})"
    return None

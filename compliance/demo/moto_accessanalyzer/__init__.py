"""IAM Access Analyzer for moto, which has none: analyzers can be created,
listed and read, as the AWS API reference describes them. Registered with
moto (module, backends, URL pattern) by ``compliance.demo.moto_patches``."""

from .models import accessanalyzer_backends  # noqa: F401  (moto's backend lookup reads it here)

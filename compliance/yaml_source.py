"""YAML files read with their line numbers, for error messages that point
at the offending line."""

import yaml

from compliance.errors import ConfigurationError


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's parser when PyYAML has it) that keeps dates as the
    strings written, so that a schema checks their format and every value
    stays plain JSON-able data."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlSource:
    """A parsed YAML document that remembers where each value came from."""

    def __init__(self, path):
        self.path = str(path)
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as error:
            raise ConfigurationError(f"{self.path}: cannot read the file ({error.strerror})") from None
        try:
            loader = _Loader(text)
            try:  # parsed once: the nodes keep their lines, the data is built from them
                self.root = loader.get_single_node()
                self.data = None if self.root is None else loader.construct_document(self.root)
            finally:
                loader.dispose()
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"{self.path}:{mark.line + 1}" if mark else self.path
            raise ConfigurationError(f"{where}: not valid YAML: {getattr(error, 'problem', error)}") from None

    def line(self, path):
        """1-based line of the value at ``path`` (keys and list indexes), or of
        the deepest ancestor that exists."""
        node = self.root
        for part in path:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                child = node.value[part]
            if child is None:
                break
            node = child
        return node.start_mark.line + 1 if node is not None else 1

    def error(self, path, message):
        """A ConfigurationError naming the file, line and key."""
        key = ".".join(str(p) for p in path) or "(top level)"
        return ConfigurationError(f"{self.path}:{self.line(path)}: {key}: {message}")

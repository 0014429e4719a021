"""The flows whose tasks appear in the admin inbox; each app registers its own in AppConfig.ready()."""

_flows = []


def register(flow_class):
    if flow_class not in _flows:
        _flows.append(flow_class)
    return flow_class


def inbox_flows():
    return list(_flows)

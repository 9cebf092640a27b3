class IniError(ValueError):
    pass


def parse_ini(text):
    raise NotImplementedError

def checks(quick=False):
    return []

"""The Qt-free domain core: incident model, deadline clock, journal, risk method, procedure."""

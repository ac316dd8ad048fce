"""The Qt interface: thin widgets over the session, the documents and the domain."""

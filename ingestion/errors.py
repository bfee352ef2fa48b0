class IngestError(Exception):
    """A run cannot proceed: the message says which record and why.

    Raised by parsers and loaders; the pipeline runner rolls the run back,
    records the message on the PipelineRun and the command prints it.
    """

    def __init__(self, message: str, *, record: str | None = None):
        self.record = record
        super().__init__(f"{record}: {message}" if record else message)

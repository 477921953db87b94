"""The outputs: tờ trình, quyết định, giấy khen, trích ngang, the council's minutes (Word,
PDF, Excel in the Nghị định 30/2020 layout) and the Excel import of nominees. Generators are
pure functions of ``documents.data``."""

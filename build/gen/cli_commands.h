IDT_CMD(schema)

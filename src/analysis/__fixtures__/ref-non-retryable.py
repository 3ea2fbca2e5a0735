from workers.workflows import NonRetryableError
raise NonRetryableError(message)

/** A pool worker whose script cannot load: it throws before it could ever take a task. */
throw new Error("this worker cannot start");

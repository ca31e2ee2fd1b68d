#pragma once
// No locks: a worker process drives one address space from one thread.

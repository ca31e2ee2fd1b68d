#pragma once
// Included before every file. Kernel code returns errno constants straight into ErrorOr (the kernel's Error converts from
// them); in user space AK's Error does not, so the three RegionTree uses become Errors.
#include <errno.h>
#include <AK/Error.h>
#include <AK/Format.h>
#include <AK/IntrusiveRedBlackTree.h>
#include <AK/NonnullRefPtr.h>
#include <AK/RedBlackTree.h>
#include <AK/Vector.h>
#undef EINVAL
#undef ENOMEM
#undef EOVERFLOW
#define EINVAL (AK::Error::from_errno(22))
#define ENOMEM (AK::Error::from_errno(12))
#define EOVERFLOW (AK::Error::from_errno(75))
template<typename... Ts> inline void dmesgln(Ts&&...) {}

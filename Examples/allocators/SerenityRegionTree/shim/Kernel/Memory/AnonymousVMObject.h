#pragma once
// RegionTree.cpp includes this; the shim's Region carries no VMObject.

import { describeEventStoreContract } from "@tenfold/testing";
import { createMemoryEventStore } from "./MemoryEventStore.js";

describeEventStoreContract("in-memory store", createMemoryEventStore);

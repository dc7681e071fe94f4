import { createMemoryEventStore } from "@tenfold/store-memory";
import { describeEventStoreContract } from "./describeEventStoreContract.js";

describeEventStoreContract("in-memory store", createMemoryEventStore);

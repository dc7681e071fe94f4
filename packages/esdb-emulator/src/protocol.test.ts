import { credentials, status, type ServiceError } from "@grpc/grpc-js";
import { jsonEvent } from "@eventstore/db-client";
import { afterEach, describe, expect, it } from "vitest";
import { featuresGrpc, sharedPb, streamsGrpc, streamsPb, type FeaturesPb, type StreamsPb } from "./proto.js";
import { readUuid, writeUuid } from "./uuid.js";
import { useHarness } from "./testing-support/harness.js";

const harness = useHarness();
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

const supportedMethods = (address: string): Promise<FeaturesPb.SupportedMethods> => {
  const client = new featuresGrpc.ServerFeaturesClient(address, credentials.createInsecure());
  closers.push(() => client.close());
  return new Promise((resolve, reject) => {
    client.getSupportedMethods(new sharedPb.Empty(), (error: ServiceError | null, response) => (error ? reject(error) : resolve(response)));
  });
};

const addressOf = (connectionString: string): string => new URL(connectionString.replace("esdb://", "http://")).host;

describe("wire protocol details", () => {
  it("advertises BatchAppend through ServerFeatures when enabled", async () => {
    const emulator = await harness.start({ batchAppend: true });
    const methods = await supportedMethods(addressOf(emulator.connectionString));
    const paths = methods.getMethodsList().map((method) => `/${method.getServiceName()}/${method.getMethodName()}`);
    expect(paths).toContain("/event_store.client.streams.streams/batchappend");
    expect(methods.getEventStoreServerVersion()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("answers UNIMPLEMENTED to GetSupportedMethods when BatchAppend is disabled, as an old server", async () => {
    const emulator = await harness.start({ batchAppend: false });
    await expect(supportedMethods(addressOf(emulator.connectionString))).rejects.toMatchObject({ code: status.UNIMPLEMENTED });
  });

  it("returns event ids in the structured form when a reader asks for it", async () => {
    const emulator = await harness.start();
    const appended = jsonEvent({ type: "T", data: {} });
    await harness.client(emulator).appendToStream("s", appended);

    const client = new streamsGrpc.StreamsClient(addressOf(emulator.connectionString), credentials.createInsecure());
    closers.push(() => client.close());
    const options = new streamsPb.ReadReq.Options()
      .setStream(new streamsPb.ReadReq.Options.StreamOptions().setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from("s"))).setStart(new sharedPb.Empty()))
      .setCount("10")
      .setNoFilter(new sharedPb.Empty())
      .setUuidOption(new streamsPb.ReadReq.Options.UUIDOption().setStructured(new sharedPb.Empty()));
    const responses: StreamsPb.ReadResp[] = [];
    for await (const response of client.read(new streamsPb.ReadReq().setOptions(options))) responses.push(response as StreamsPb.ReadResp);
    const id = responses[0]?.getEvent()?.getEvent()?.getId();
    expect(id?.hasStructured()).toBe(true);
    expect(readUuid(id)).toBe(appended.id);
  });

  it("converts UUIDs between the string and structured forms losslessly", () => {
    for (const id of ["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "8f0c1b6e-3a2d-4f5e-9b7a-0c1d2e3f4a5b"]) {
      expect(readUuid(writeUuid(id, true))).toBe(id);
      expect(readUuid(writeUuid(id, false))).toBe(id);
    }
    expect(readUuid(new sharedPb.UUID().setString("8F0C1B6E-3A2D-4F5E-9B7A-0C1D2E3F4A5B"))).toBe("8f0c1b6e-3a2d-4f5e-9b7a-0c1d2e3f4a5b");
    expect(readUuid(new sharedPb.UUID().setString("not-a-uuid"))).toBeUndefined();
  });
});

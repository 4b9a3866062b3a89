/**
 * What every capability may know about Lookout's storage without depending on the store: its
 * failures ({@link dev.lookout.storage.StoreException}, {@link dev.lookout.storage.StorageFault}),
 * its health at a moment ({@link dev.lookout.storage.StorageStatus}) and the writer's counters
 * ({@link dev.lookout.storage.StoreStats}). Values only: no SQL, no state, no dependency on any
 * other Lookout package. {@code store} produces them; {@code alert}, {@code subscribe}, {@code web}
 * and the wiring read them. It sits below both so that the store can implement the capabilities'
 * repository interfaces while they still name its failures.
 */
package dev.lookout.storage;
